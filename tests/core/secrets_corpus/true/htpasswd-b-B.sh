sudo htpasswd -b -B /etc/nginx/.htpasswd admin 'Nginx!2025'
