#!/usr/bin/env bash
# =============================================================================
# sauvegarde.sh — sauvegarde incrémentale du serveur de fichiers vers le NAS
# Breizh Transports — service informatique — Camille Le Gall (stage), juin 2025
#
# Principe : chaque nuit, une copie complète datée est créée sur le NAS ; les
# fichiers inchangés sont des liens durs vers la copie précédente (--link-dest),
# donc chaque version ne coûte que la place des fichiers modifiés.
# Les copies de plus de RETENTION_JOURS jours sont supprimées.
#
# Lancement : timer systemd sauvegarde.timer (tous les jours à 01:30).
# Authentification sur le NAS : clé SSH dédiée, restreinte côté NAS à rsync.
# Code retour : 0 = succès, 1 = erreur (un courriel est alors envoyé).
# =============================================================================
set -euo pipefail

SOURCES=(/srv/partages /etc /var/backups/mariadb)
NAS_HOTE="nas-vern.breizh.lan"
NAS_UTILISATEUR="sauvegarde"
NAS_DOSSIER="/volume1/sauvegardes/srv-fichiers"
CLE_SSH="/root/.ssh/sauvegarde_ed25519"
RETENTION_JOURS=30
DESTINATAIRE="informatique@breizh-transports.example"
JOURNAL="/var/log/sauvegarde/sauvegarde-$(date +%F).log"
EXCLUSIONS="/usr/local/etc/sauvegarde-exclusions.txt"

AUJOURDHUI="$(date +%F)"
SSH="ssh -i ${CLE_SSH} -o BatchMode=yes -o ConnectTimeout=20"

mkdir -p "$(dirname "$JOURNAL")"
exec >>"$JOURNAL" 2>&1

echec() {
    echo "$(date '+%F %T') ÉCHEC : $1"
    mail -s "[Sauvegarde] ÉCHEC srv-fichiers ${AUJOURDHUI}" "$DESTINATAIRE" <"$JOURNAL"
    exit 1
}
trap 'echec "erreur ligne ${LINENO}"' ERR

echo "$(date '+%F %T') Début de la sauvegarde"

# 1. Export de la base MariaDB (GLPI) avant la copie — identifiants lus dans
#    /root/.my.cnf (droits 600), jamais sur la ligne de commande.
mysqldump --defaults-file=/root/.my.cnf --single-transaction --databases glpi \
    | gzip >/var/backups/mariadb/glpi-"${AUJOURDHUI}".sql.gz
find /var/backups/mariadb -name 'glpi-*.sql.gz' -mtime +7 -delete

# 2. Dernière sauvegarde réussie (sert de référence pour les liens durs)
DERNIERE="$($SSH "${NAS_UTILISATEUR}@${NAS_HOTE}" "readlink ${NAS_DOSSIER}/derniere" || true)"
LINK_DEST=()
[[ -n "$DERNIERE" ]] && LINK_DEST=(--link-dest="$DERNIERE")

# 3. Copie
rsync -aHAX --delete --numeric-ids --stats \
    --exclude-from="$EXCLUSIONS" \
    "${LINK_DEST[@]}" \
    -e "$SSH" \
    "${SOURCES[@]}" \
    "${NAS_UTILISATEUR}@${NAS_HOTE}:${NAS_DOSSIER}/${AUJOURDHUI}/"

# 4. Mise à jour du lien "derniere" puis rotation
$SSH "${NAS_UTILISATEUR}@${NAS_HOTE}" "ln -sfn ${NAS_DOSSIER}/${AUJOURDHUI} ${NAS_DOSSIER}/derniere"
$SSH "${NAS_UTILISATEUR}@${NAS_HOTE}" \
    "find ${NAS_DOSSIER} -mindepth 1 -maxdepth 1 -type d -name '20*' -mtime +${RETENTION_JOURS} -exec rm -rf {} +"

echo "$(date '+%F %T') Sauvegarde terminée avec succès"
mail -s "[Sauvegarde] OK srv-fichiers ${AUJOURDHUI}" "$DESTINATAIRE" <"$JOURNAL"
