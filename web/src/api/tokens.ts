import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { TokenCreated, TokenInfo } from "../contract";
import { api } from "./client";

export type ApiToken = z.infer<typeof TokenInfo>;
export type NewApiToken = z.infer<typeof TokenCreated>;

const tokensKey = ["tokens"] as const;

export function useTokens() {
  return useQuery({ queryKey: tokensKey, queryFn: () => api<{ items: ApiToken[] }>("/api/auth/tokens") });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string }) => api<NewApiToken>("/api/auth/tokens", { method: "POST", body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<null>(`/api/auth/tokens/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}
