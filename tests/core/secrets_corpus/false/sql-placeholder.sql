CREATE USER 'glpi'@'localhost' IDENTIFIED BY '<mot de passe>';
