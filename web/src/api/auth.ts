import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  LoginResult as LoginResultSchema,
  Me,
  SetupBody as SetupBodySchema,
  SetupStatus as SetupStatusSchema,
} from "../contract";
import { ApiError, api, setCsrfToken } from "./client";
import { takeReady } from "./prefetch";

export type { Me };

export const meKey = ["me"] as const;

async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api<Me>("/api/auth/me", { quiet401: true });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return null;
    throw error;
  }
}

/** The session start-up already read (api/prefetch.ts), so the first render is the signed-in screen. */
function readyMe(): Me | undefined {
  const me = takeReady<Me>("/api/auth/me");
  if (me) setCsrfToken(me.csrfToken);
  return me;
}

export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: fetchMe,
    staleTime: 5 * 60_000,
    retry: 1,
    initialData: readyMe,
  });
}

export type SetupStatus = z.infer<typeof SetupStatusSchema>;

export function useSetupStatus() {
  return useQuery({
    queryKey: ["setup"],
    queryFn: () => api<SetupStatus>("/api/setup", { quiet401: true }),
    initialData: () => takeReady<SetupStatus>("/api/setup"),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

type LoginResult = z.infer<typeof LoginResultSchema>;

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) =>
      api<LoginResult>("/api/auth/login", { method: "POST", body, quiet401: true }),
    onSuccess: (result) => {
      setCsrfToken(result.csrfToken);
      // The answer's user is what GET /api/auth/me tells (with the calendar's time zone): no second trip.
      queryClient.setQueryData(meKey, { ...result.user, csrfToken: result.csrfToken });
    },
  });
}

export type SetupBody = z.input<typeof SetupBodySchema>;

export function useSetup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SetupBody) =>
      api<Partial<LoginResult>>("/api/setup", { method: "POST", body, quiet401: true }),
    onSuccess: async (result) => {
      queryClient.setQueryData(["setup"], { needsSetup: false, companyName: null });
      if (result?.csrfToken) setCsrfToken(result.csrfToken);
      await queryClient.invalidateQueries({ queryKey: meKey });
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<unknown>("/api/auth/logout", { method: "POST", quiet401: true }),
    onSettled: () => {
      setCsrfToken(null);
      // The user's data goes, but not the session and setup queries App observes: clear() detached
      // them, so the screen stayed signed in after a logout.
      queryClient.setQueryData(meKey, null);
      queryClient.removeQueries({
        predicate: (q) => q.queryKey[0] !== meKey[0] && q.queryKey[0] !== "setup",
      });
    },
  });
}

export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { locale?: "es-MX" | "en"; name?: string }) =>
      api<Me>("/api/auth/me", { method: "PATCH", body }),
    onSuccess: (me) => {
      const previous = queryClient.getQueryData<Me | null>(meKey);
      queryClient.setQueryData(meKey, { ...previous, ...me, csrfToken: me.csrfToken ?? previous?.csrfToken });
    },
  });
}
