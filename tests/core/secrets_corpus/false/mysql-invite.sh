mysql -u root -p glpi < glpi.sql
mysqldump -u root -p --all-databases > all.sql
mysql --defaults-extra-file=/root/.my.cnf glpi
