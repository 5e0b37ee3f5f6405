/** The floor's second page: React alone rendering a plain table of 50 rows (no router, Mantine or data). */
import { createRoot } from "react-dom/client";

const rows = Array.from({ length: 50 }, (_, i) => ({ id: i + 1, title: `Solicitud de carga ${i + 1}` }));

createRoot(document.getElementById("root") as HTMLElement).render(
  <table>
    <tbody>
      {rows.map((row) => (
        <tr key={row.id} data-testid="ticket-row">
          <td>{row.id}</td>
          <td>{row.title}</td>
        </tr>
      ))}
    </tbody>
  </table>,
);
