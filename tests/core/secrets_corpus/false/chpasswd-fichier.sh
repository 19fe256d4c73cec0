sudo chpasswd < comptes.txt
