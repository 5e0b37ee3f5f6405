import { useCallback, useEffect, useRef, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { type QueueFilterState, readFilters, writeFilters } from "./filterState";

/**
 * The queue's filters as state mirrored into the URL. The controls read the state, so a switch flips at
 * once (the router applies URL changes in a transition); a URL changed from outside (back, a link) wins.
 */
export function useQueueFilters(): [QueueFilterState, (next: QueueFilterState, push?: boolean) => void] {
  const [params, setParams] = useSearchParams();
  const fromUrl = params.toString();
  const [state, setState] = useState(() => readFilters(params));
  const written = useRef(fromUrl);
  useEffect(() => {
    if (fromUrl === written.current) return;
    written.current = fromUrl;
    setState(readFilters(new URLSearchParams(fromUrl)));
  }, [fromUrl]);
  const change = useCallback(
    (next: QueueFilterState, push = false) => {
      const query = new URLSearchParams(writeFilters(next));
      written.current = query.toString();
      setState(next);
      setParams(query, { replace: !push });
    },
    [setParams],
  );
  return [state, change];
}
