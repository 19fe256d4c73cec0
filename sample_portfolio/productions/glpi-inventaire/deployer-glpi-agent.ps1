<#
.SYNOPSIS
    Installe ou met à jour GLPI Agent sur un poste Windows (script de démarrage par GPO).

.DESCRIPTION
    Lancé au démarrage de l'ordinateur (compte SYSTEM) par la GPO "ORDI - Agent GLPI".
    - ne fait rien si la version installée est déjà à jour ;
    - détermine l'agence (TAG) d'après le nom du poste (BT-SIE-xx, BT-LOR-xx, BT-STM-xx) ;
    - installe le MSI en silencieux, en mode service, avec un inventaire immédiat ;
    - écrit un journal local dans C:\ProgramData\BreizhTransports\glpi-agent.log.

.NOTES
    Breizh Transports - service informatique - Camille Le Gall (stage), mai 2025
#>

$VersionCible = [version]"1.11"
$Partage      = "\\breizh.lan\NETLOGON\glpi"
$Msi          = Join-Path $Partage "GLPI-Agent-1.11-x64.msi"
$Serveur      = "https://glpi.breizh-transports.lan/front/inventory.php"
$DossierLog   = "C:\ProgramData\BreizhTransports"
$Journal      = Join-Path $DossierLog "glpi-agent.log"

function Write-Journal([string]$Message) {
    if (-not (Test-Path $DossierLog)) { New-Item -ItemType Directory -Path $DossierLog | Out-Null }
    "$(Get-Date -Format 'yyyy-MM-dd HH:mm:ss') $env:COMPUTERNAME $Message" | Add-Content -Path $Journal
}

# Version déjà installée ?
$installe = Get-ItemProperty "HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\*" -ErrorAction SilentlyContinue |
    Where-Object { $_.DisplayName -like "GLPI Agent*" } |
    Select-Object -First 1

if ($installe -and ([version]$installe.DisplayVersion -ge $VersionCible)) {
    Write-Journal "GLPI Agent $($installe.DisplayVersion) déjà à jour, rien à faire."
    exit 0
}

# Agence d'après le nom du poste
switch -Wildcard ($env:COMPUTERNAME) {
    "BT-SIE-*" { $Tag = "SIEGE" }
    "BT-LOR-*" { $Tag = "LORIENT" }
    "BT-STM-*" { $Tag = "SAINT-MALO" }
    default    { $Tag = "A-CLASSER" }
}

if (-not (Test-Path $Msi)) {
    Write-Journal "ERREUR : MSI introuvable ($Msi)."
    exit 1
}

$arguments = @(
    "/i", "`"$Msi`"", "/quiet", "/norestart",
    "SERVER=`"$Serveur`"",
    "TAG=$Tag",
    "EXECMODE=1",               # service Windows
    "RUNNOW=1",                 # premier inventaire tout de suite
    "ADD_FIREWALL_EXCEPTION=1",
    "/l*v", "`"$DossierLog\glpi-agent-msi.log`""
)

$p = Start-Process -FilePath "msiexec.exe" -ArgumentList $arguments -Wait -PassThru
if ($p.ExitCode -eq 0) {
    Write-Journal "GLPI Agent $VersionCible installé (TAG=$Tag)."
} else {
    Write-Journal "ERREUR : msiexec a renvoyé le code $($p.ExitCode)."
}
exit $p.ExitCode
