def register(x):
    password = hash_password(x)
    save(password)
