curl --user "api:Zx9-k2Lm" -X POST https://glpi.lab.local/apirest.php/initSession
