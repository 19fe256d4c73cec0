<?php
$password = "Sio2025!";
