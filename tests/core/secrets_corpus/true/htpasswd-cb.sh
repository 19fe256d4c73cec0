htpasswd -cb /etc/apache2/.htpasswd jury Jury2025
