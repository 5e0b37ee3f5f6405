import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Job, Task, TaskList, TaskStatus } from "../contract";
import { api, withQuery } from "./client";

export type { Job, Task, TaskStatus };

/** The background queue refreshes itself: tasks move on their own while the page is open. */
const REFRESH_MS = 10_000;

export function useTasks(status?: TaskStatus) {
  return useQuery({
    queryKey: ["admin-tasks", status ?? "all"],
    queryFn: () => api<TaskList>(withQuery("/api/admin/tasks", { status })),
    refetchInterval: REFRESH_MS,
  });
}

export function useJobs() {
  return useQuery({
    queryKey: ["admin-jobs"],
    queryFn: () => api<{ items: Job[] }>("/api/admin/jobs"),
    refetchInterval: REFRESH_MS,
  });
}

export function useRetryTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<Task>(`/api/admin/tasks/${encodeURIComponent(id)}/retry`, { method: "POST" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["admin-tasks"] }),
  });
}
