// Mantine's stylesheets this screen adds to those already loaded (dependencies first; checked by
// test/architecture/mantine-styles.test.ts).
import "@mantine/core/styles/FloatingIndicator.layer.css";
import "@mantine/core/styles/Code.layer.css";
import "@mantine/core/styles/SegmentedControl.layer.css";
import "@mantine/core/styles/Table.layer.css";
import { Badge, Button, Code, SegmentedControl, Stack, Table, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useSearchParams } from "react-router-dom";
import { type Job, type Task, type TaskStatus, useJobs, useRetryTask, useTasks } from "../../api/background";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { WideTable } from "../../components/WideTable";
import { hasKey, useT } from "../../i18n";
import { errorMessage } from "../../lib/form";
import { formatDateTime } from "../../lib/format";

const STATUSES: TaskStatus[] = ["pending", "running", "failed", "dead", "done"];
const STATUS_COLOR: Record<TaskStatus, string> = {
  pending: "blue",
  running: "indigo",
  done: "teal",
  failed: "orange",
  dead: "red",
};

function JobState({ job }: { job: Job }) {
  const t = useT();
  if (job.running) return <Badge color="indigo">{t("tasks.job.running")}</Badge>;
  if (job.failing) return <Badge color="red">{t("tasks.job.failing")}</Badge>;
  return <Badge color="teal">{t("tasks.job.ok")}</Badge>;
}

function JobsTable({ jobs }: { jobs: Job[] }) {
  const t = useT();
  const label = (name: string) => {
    const key = `tasks.job.${name}`;
    return hasKey(key) ? t(key) : name;
  };
  // A job that checks often whether its hour or day has come says how often it acts.
  const runs = (name: string) => {
    const key = `tasks.job.${name}.runs`;
    return hasKey(key) ? t(key) : null;
  };
  return (
    <WideTable minWidth={720}>
      <Table data-testid="jobs" verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("tasks.job.name")}</Table.Th>
            <Table.Th>{t("tasks.job.every")}</Table.Th>
            <Table.Th>{t("tasks.job.lastRun")}</Table.Th>
            <Table.Th>{t("tasks.job.nextDue")}</Table.Th>
            <Table.Th>{t("tasks.job.state")}</Table.Th>
            <Table.Th>{t("tasks.lastError")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {jobs.map((job) => (
            <Table.Tr key={job.name} data-testid="job-row" data-name={job.name} data-failing={job.failing}>
              <Table.Td fw={500}>{label(job.name)}</Table.Td>
              <Table.Td>
                {t("tasks.minutes", { n: Math.round(job.everyMs / 60_000) })}
                {runs(job.name) && (
                  <Text size="xs" c="dimmed">
                    {runs(job.name)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{job.lastRunAt ? formatDateTime(job.lastRunAt) : t("tasks.never")}</Table.Td>
              <Table.Td>{formatDateTime(job.nextDueAt)}</Table.Td>
              <Table.Td>
                <JobState job={job} />
              </Table.Td>
              <Table.Td>
                {job.lastError && (
                  <Text size="xs" c={job.failing ? "red" : "dimmed"}>
                    {formatDateTime(job.lastFailureAt)} · {job.lastError}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}

function TaskRow({ task }: { task: Task }) {
  const t = useT();
  const retry = useRetryTask();
  const onRetry = () =>
    retry.mutate(task.id, {
      onSuccess: () => notifications.show({ color: "teal", message: t("tasks.retried") }),
      onError: (e) => notifications.show({ color: "red", message: errorMessage(t, e) }),
    });
  const kindKey = `tasks.kind.${task.kind}`;
  return (
    <Table.Tr data-testid="task-row" data-id={task.id} data-status={task.status}>
      <Table.Td>
        {hasKey(kindKey) ? (
          <Text size="sm" title={task.kind}>
            {t(kindKey)}
          </Text>
        ) : (
          <Code>{task.kind}</Code>
        )}
      </Table.Td>
      <Table.Td>
        <Badge color={STATUS_COLOR[task.status]} variant="light">
          {t(`tasks.status.${task.status}`)}
        </Badge>
      </Table.Td>
      <Table.Td>
        {task.attempts} / {task.maxAttempts}
      </Table.Td>
      <Table.Td>{formatDateTime(task.status === "done" ? task.doneAt : task.runAt)}</Table.Td>
      <Table.Td>{formatDateTime(task.createdAt)}</Table.Td>
      <Table.Td maw={360}>
        <Text size="xs" c="red" lineClamp={3} title={task.lastError ?? undefined}>
          {task.lastError}
        </Text>
      </Table.Td>
      <Table.Td>
        {(task.status === "dead" || task.status === "failed") && (
          <Button size="xs" variant="light" onClick={onRetry} loading={retry.isPending}>
            {t("tasks.retry")}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function TasksSection() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const wanted = params.get("status");
  const status = STATUSES.find((s) => s === wanted);
  const tasks = useTasks(status);
  const counts = tasks.data?.counts;
  const total = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : 0;
  const choose = (value: string) => setParams(value === "all" ? {} : { status: value }, { replace: true });
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t("tasks.queue")}
      </Title>
      <SegmentedControl
        aria-label={t("tasks.filter")}
        data-testid="task-filter"
        value={status ?? "all"}
        onChange={choose}
        data={[
          { value: "all", label: `${t("tasks.filter.all")} (${total})` },
          ...STATUSES.map((s) => ({ value: s, label: `${t(`tasks.status.${s}`)} (${counts?.[s] ?? 0})` })),
        ]}
      />
      <QueryState query={tasks}>
        {tasks.data?.items.length ? (
          <WideTable minWidth={900}>
            <Table data-testid="tasks" verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("tasks.kind")}</Table.Th>
                  <Table.Th>{t("tasks.status")}</Table.Th>
                  <Table.Th>{t("tasks.attempts")}</Table.Th>
                  <Table.Th>{t("tasks.runAt")}</Table.Th>
                  <Table.Th>{t("tasks.createdAt")}</Table.Th>
                  <Table.Th>{t("tasks.lastError")}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tasks.data.items.map((task) => (
                  <TaskRow key={task.id} task={task} />
                ))}
              </Table.Tbody>
            </Table>
          </WideTable>
        ) : (
          <Text c="dimmed">{t("tasks.none")}</Text>
        )}
      </QueryState>
    </Stack>
  );
}

/** Admin: the periodic jobs (last run, next, last error) and the task queue, with a retry for failed work. */
export default function BackgroundTasksPage() {
  const t = useT();
  const jobs = useJobs();
  return (
    <Stack gap="lg">
      <PageHeader title={t("tasks.title")} subtitle={t("tasks.subtitle")} />
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t("tasks.jobs")}
        </Title>
        <QueryState query={jobs}>
          <JobsTable jobs={jobs.data?.items ?? []} />
        </QueryState>
      </Stack>
      <TasksSection />
    </Stack>
  );
}
