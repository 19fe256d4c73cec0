# Déploie GLPI Agent ; le mot de passe est saisi, jamais écrit.
$pwd = Read-Host -AsSecureString "Mot de passe"
Start-Process msiexec -ArgumentList "/i GLPI-Agent.msi /quiet"
