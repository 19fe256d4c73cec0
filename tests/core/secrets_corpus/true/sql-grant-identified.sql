GRANT ALL ON glpi.* TO 'glpi'@'%' IDENTIFIED BY "Sio-2025";
