CREATE TABLE users (id INT, login VARCHAR(50), password_hash CHAR(60));
ALTER TABLE users ADD COLUMN token VARCHAR(64);
