$Password = "Azerty123"
New-LocalUser -Name tech -Password (ConvertTo-SecureString $Password -AsPlainText -Force)
