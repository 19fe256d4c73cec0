htpasswd -c /etc/apache2/.htpasswd jury
