curl -u admin:Nextcloud2025 https://cloud.lab.local/remote.php/dav/
