<#
.SYNOPSIS
    Crée les comptes étudiants et enseignants du domaine sio.lan à partir d'un fichier CSV.

.DESCRIPTION
    Lit un CSV (séparateur ;) avec les colonnes nom;prenom;classe;role.
    Crée l'OU de la classe si besoin, le compte (login prenom.nom), puis l'ajoute au groupe
    global de sa classe (modèle AGDLP : GG_ -> GL_ -> droits NTFS).
    Le mot de passe initial est saisi une seule fois (jamais écrit dans le script) et doit
    être changé à la première connexion.

.EXAMPLE
    .\creer-utilisateurs.ps1 -Fichier .\utilisateurs.csv -Simulation
    .\creer-utilisateurs.ps1 -Fichier .\utilisateurs.csv

.NOTES
    Camille Le Gall — BTS SIO SISR — laboratoire SIO, février 2025
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string]$Fichier,
    [string]$Domaine = "sio.lan",
    [string]$OuRacine = "OU=Utilisateurs,OU=SIO,DC=sio,DC=lan",
    [switch]$Simulation
)

Import-Module ActiveDirectory -ErrorAction Stop

function ConvertTo-Login {
    param([string]$Prenom, [string]$Nom)
    # Supprime accents, espaces et apostrophes : "Élodie N'Diaye" -> "elodie.ndiaye"
    $texte = "$Prenom.$Nom".ToLower().Normalize([Text.NormalizationForm]::FormD)
    $texte = -join ($texte.ToCharArray() | Where-Object {
        [Globalization.CharUnicodeInfo]::GetUnicodeCategory($_) -ne 'NonSpacingMark'
    })
    return ($texte -replace "[^a-z0-9\.]", "")
}

$lignes = Import-Csv -Path $Fichier -Delimiter ";" -Encoding UTF8
$saisieInitiale = Read-Host -AsSecureString -Prompt "Mot de passe initial des comptes"
$journal = @()

foreach ($l in $lignes) {
    $login = ConvertTo-Login -Prenom $l.prenom -Nom $l.nom
    $ouClasse = "OU=$($l.classe),$OuRacine"

    if (-not (Get-ADOrganizationalUnit -Filter "DistinguishedName -eq '$ouClasse'" -ErrorAction SilentlyContinue)) {
        if ($Simulation) { Write-Host "[simulation] OU $ouClasse" }
        else { New-ADOrganizationalUnit -Name $l.classe -Path $OuRacine -ProtectedFromAccidentalDeletion $true }
    }

    if (Get-ADUser -Filter "SamAccountName -eq '$login'") {
        $journal += "$login : existe déjà, ignoré"
        continue
    }

    $parametres = @{
        Name                  = "$($l.prenom) $($l.nom)"
        GivenName             = $l.prenom
        Surname               = $l.nom
        SamAccountName        = $login
        UserPrincipalName     = "$login@$Domaine"
        Path                  = $ouClasse
        Description           = "$($l.role) - $($l.classe)"
        Enabled               = $true
    }

    if ($Simulation) {
        Write-Host "[simulation] compte $login dans $ouClasse"
    } else {
        New-ADUser @parametres -AccountPassword $saisieInitiale -ChangePasswordAtLogon $true
        Add-ADGroupMember -Identity "GG_$($l.classe)" -Members $login
    }
    $journal += "$login : créé dans $ouClasse"
}

$journal | Out-File -FilePath ".\creation-comptes-$(Get-Date -Format yyyyMMdd-HHmm).log" -Encoding UTF8
Write-Host "$($journal.Count) ligne(s) traitée(s). Détail dans le fichier journal."
