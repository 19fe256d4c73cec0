interface Login {
  password: string;
  token?: string;
}
