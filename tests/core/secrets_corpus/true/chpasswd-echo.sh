useradd -m stagiaire
echo 'stagiaire:Stage2025' | sudo chpasswd
