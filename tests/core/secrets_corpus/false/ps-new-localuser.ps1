New-LocalUser -Name stagiaire -Password (Read-Host -AsSecureString "Mot de passe")
