import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { MyTimer, StoppedTimer, Timer } from "../contract";
import { api } from "./client";

const key = ["me", "timer"] as const;

/** The signed-in user's running timer, kept on the server: another device's start shows up here. */
export function useMyTimer(enabled = true) {
  return useQuery({
    queryKey: key,
    queryFn: () => api<MyTimer>("/api/me/timer"),
    refetchInterval: 20_000,
    refetchOnWindowFocus: true,
    enabled,
  });
}

export function useStartTimer(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<Timer>(`/api/tickets/${encodeURIComponent(ticketId)}/timer`, { method: "POST" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useStopTimer(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api<StoppedTimer>(`/api/tickets/${encodeURIComponent(ticketId)}/timer`, { method: "DELETE" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}
