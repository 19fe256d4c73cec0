echo 'Centos2025' | passwd --stdin tech
