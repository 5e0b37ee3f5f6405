/**
 * A chosen file as base64, without the data-URL prefix: the JSON body of the logo and attachment
 * uploads. Import-free, so the staff app and the client portal share it.
 */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}
