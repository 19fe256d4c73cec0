def call(user):
    token = get_token(user)
    return token
