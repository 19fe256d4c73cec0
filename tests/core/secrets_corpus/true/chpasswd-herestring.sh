chpasswd <<< "tech:Tech2025"
