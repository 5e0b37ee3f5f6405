import { Anchor } from "@mantine/core";
import { Link } from "react-router-dom";

/** A report row's folio opens its ticket (the breached one to see why, the unbilled one to bill it). */
export function FolioLink({ id, folio }: { id: string; folio: string }) {
  return (
    <Anchor component={Link} to={`/tickets/${encodeURIComponent(id)}`} className="mesa-folio" size="sm">
      {folio}
    </Anchor>
  );
}
