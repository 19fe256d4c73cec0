import secrets

secret = secrets.token_hex(16)
