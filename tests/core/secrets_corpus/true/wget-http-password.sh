wget --http-user=jury --http-password=Wget2025 https://depot.lab.local/archive.tar
