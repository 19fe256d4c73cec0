import getpass
password = getpass.getpass('Mot de passe : ')
