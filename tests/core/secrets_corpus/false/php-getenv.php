<?php
$db_password = getenv('DB_PASSWORD');
