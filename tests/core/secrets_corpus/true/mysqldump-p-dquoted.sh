mysqldump -u backup -p"B@ckup2025" --all-databases > all.sql
