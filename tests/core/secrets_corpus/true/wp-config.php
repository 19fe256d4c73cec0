<?php
define( 'DB_NAME', 'wordpress' );
define( 'DB_PASSWORD', 'Wordpress2025' );
