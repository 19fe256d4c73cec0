net user stagiaire Stage2025! /add
