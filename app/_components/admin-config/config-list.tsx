"use client";

// Until the notification rules screen (rewritten in parallel) moves onto the admin kit: its old import path.
import { useState } from "react";
import { adminListInput, type Validity } from "@/app/_components/admin-kit/list-input";
import { useDebounced } from "@/app/_components/admin-kit/use-debounced";

export { AdminTable as ConfigTable, AdminToolbar as ConfigToolbar } from "@/app/_components/admin-kit/admin-table";

export function useListFilters() {
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<Validity>("all");
  return { search, setSearch, status, setStatus, input: adminListInput(useDebounced(search.trim()), status) };
}
