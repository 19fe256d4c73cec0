<?php
$password = $_POST['password'];
if (password_verify($password, $hash)) {
    echo 'ok';
}
