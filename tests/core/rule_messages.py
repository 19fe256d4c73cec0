"""Message parts shared by the rule tests (tests/core/test_rules*.py)."""

LAB_AD = "réalisation « Domaine Active Directory du laboratoire »"
GLPI = "réalisation « Inventaire du parc avec GLPI »"
SITE = "réalisation « Évolution du site web »"
OUTSIDE = (
    "copiez le fichier dans le dossier du portfolio et écrivez un chemin relatif, par exemple "
    "productions/mon-fichier.pdf"
)
NOT_FOUND = "vérifiez le nom et l'emplacement du fichier (chemin relatif au dossier de portfolio.yml)"
ATTESTATION_ADVICE = (
    "les attestations ne sont pas envoyées sur GitHub (.gitignore) : si elle est restée sur "
    "un autre ordinateur, copiez-la à cet emplacement"
)
NOT_CHECKED = (
    "non vérifié (--sans-attestations : les attestations restent sur votre ordinateur) ; lancez "
    "« e5portfolio check » sur votre ordinateur pour le vérifier avant « e5portfolio dossier »"
)
SECRET_ADVICE = (
    "remplacez-le par ******** ou une variable d'environnement avant de publier, et "
    "changez ce secret s'il a déjà été publié"
)
