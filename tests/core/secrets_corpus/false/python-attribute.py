class Compte:
    def copy(self, other):
        password = other.password
        return password
