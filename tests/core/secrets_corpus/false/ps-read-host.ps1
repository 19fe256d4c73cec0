$pw = Read-Host "Mot de passe" -AsSecureString
$cred = New-Object PSCredential("admin", $pw)
