@dataclass
class Login:
    password: str
    token: str | None = None
