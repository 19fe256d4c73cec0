nmcli dev wifi connect LabSIO password 'Wifi2025!'
