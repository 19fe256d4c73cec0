sshpass -p Ssh2025 ssh admin@10.0.0.1
