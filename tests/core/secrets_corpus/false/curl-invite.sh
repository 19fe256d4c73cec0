curl -u admin https://cloud.lab.local/
curl -u "$NC_USER:$NC_PASS" https://cloud.lab.local/
