/** Passwords anyone would try first; an admin account must not have one of them. */
const COMMON = new Set([
  "12345678",
  "123456789",
  "1234567890",
  "password",
  "password1",
  "contraseña",
  "contrasena",
  "qwertyuiop",
  "qwerty123",
  "admin123",
  "administrador",
  "iloveyou",
  "11111111",
  "00000000",
  "abc12345",
  "mesa1234",
]);

/** Why a password is too weak for an admin account, or null when it is acceptable. */
export function weakPasswordReason(password: string, email: string, name: string): string | null {
  const lower = password.toLowerCase();
  if (password.length < 10) return "debe tener al menos 10 caracteres.";
  if (password.length > 200) return "no debe pasar de 200 caracteres.";
  if (COMMON.has(lower) || new Set(lower).size <= 3) return "es demasiado común o repetitiva.";
  const local = email.toLowerCase().split("@")[0] ?? "";
  const names = [local, ...name.toLowerCase().split(/\s+/)].filter((part) => part.length >= 4);
  if (names.some((part) => lower.includes(part))) return "no debe contener el correo ni el nombre.";
  if (!/[a-zA-Z]/.test(password) || !/[^a-zA-Z]/.test(password)) {
    return "debe combinar letras con números o símbolos.";
  }
  return null;
}
