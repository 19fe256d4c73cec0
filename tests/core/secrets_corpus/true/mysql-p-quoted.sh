#!/bin/sh
mysql -u root -p'Azerty123' glpi < dump.sql
