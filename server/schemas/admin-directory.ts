import { z } from "zod";

// Shared by the admin directory procedures and their forms: no server-only imports here.

export const PERMISSION_TYPES = ["ro", "move_into", "create", "note", "owner", "priority", "rw"] as const;
export type PermissionType = (typeof PERMISSION_TYPES)[number];

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const name = z.string().trim().min(1, "Enter a name").max(200);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));
const email = z.email("Enter a valid e-mail address").trim().toLowerCase().max(254);
export const passwordField = z.string().min(8, "Use at least 8 characters").max(200);
const permissions = z.array(z.enum(PERMISSION_TYPES)).max(PERMISSION_TYPES.length).transform((list) => [...new Set(list)]);

const paging = {
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(25),
};
const search = z.string().trim().max(200).optional();
export const VALIDITY_FILTERS = ["all", "valid", "invalid"] as const;
const validity = z.enum(VALIDITY_FILTERS).default("all");

export const byId = z.object({ id });
export const setEnabledInput = z.object({ id, enabled: z.boolean() });
export const setValidInput = z.object({ id, valid: z.boolean() });

export const AGENT_STATUS = ["all", "enabled", "disabled"] as const;
export const listAgentsInput = z.object({ search, status: z.enum(AGENT_STATUS).default("all"), roleId: id.optional(), ...paging });
export const createAgentInput = z.object({
  name,
  email,
  role: z.enum(["agent", "admin"]).default("agent"),
  password: passwordField,
  roleIds: z.array(id).max(100).default([]),
  /** May write and publish FAQ articles (admins always may). */
  faqEditor: z.boolean().default(false),
});
/** `faqEditor` left out keeps what the agent has. */
export const updateAgentInput = z.object({ id, name, email, role: z.enum(["agent", "admin"]), faqEditor: z.boolean().optional() });
export const resetPasswordInput = z.object({ id, password: passwordField });
export const setAgentRolesInput = z.object({ id, roleIds: z.array(id).max(500).transform((list) => [...new Set(list)]) });

export const CUSTOMER_STATUS = ["all", "enabled", "disabled", "pending"] as const;
export const listCustomersInput = z.object({ search, status: z.enum(CUSTOMER_STATUS).default("all"), companyId: id.optional(), ...paging });
const customerFields = {
  name,
  email,
  companyId: id.nullish().transform((v) => v ?? null),
  seesCompanyTickets: z.boolean().default(false),
  phone: optionalText(50),
  /** Where the postmaster files this customer's mail when no filter, address or account decides. */
  defaultQueueId: id.nullish().transform((v) => v ?? null),
};
export const createCustomerInput = z.object({ ...customerFields, password: passwordField.optional() });
export const updateCustomerInput = z.object({ id, ...customerFields });
/** Without a password the customer gets a reset link by mail (when the desk can send one). */
export const resetCustomerPasswordInput = z.object({ id, password: passwordField.optional() });
export const mergeCustomersInput = z
  .object({ duplicateId: id, targetId: id })
  .refine((v) => v.duplicateId !== v.targetId, { message: "Choose two different customers", path: ["targetId"] });

export const listCompaniesInput = z.object({ search, status: validity, ...paging });
const companyFields = {
  name,
  customerNumber: optionalText(100),
  street: optionalText(200),
  city: optionalText(100),
  country: optionalText(100),
  comment: optionalText(2000),
  /** The SLA for the company's tickets whose service names none. */
  slaId: id.nullish().transform((v) => v ?? null),
};
export const createCompanyInput = z.object(companyFields);
export const updateCompanyInput = z.object({ id, ...companyFields });

export const listNamedInput = z.object({ search, status: validity, ...paging });
const namedFields = { name, comment: optionalText(2000) };
export const createGroupInput = z.object(namedFields);
export const updateGroupInput = z.object({ id, ...namedFields });
export const createRoleInput = z.object(namedFields);
export const updateRoleInput = z.object({ id, ...namedFields });
export const setRoleMembersInput = z.object({ id, userIds: z.array(id).max(1000).transform((list) => [...new Set(list)]) });

export const setUserGroupPermissionsInput = z.object({ userId: id, groupId: id, permissions });
export const setRoleGroupPermissionsInput = z.object({ roleId: id, groupId: id, permissions });
export const groupPermissionsInput = z.object({ groupId: id });
export const permissionMatrixInput = z.object({ groupId: id.optional(), search, ...paging });

export const listAuditInput = z
  .object({
    actorId: id.optional(),
    entity: z.string().trim().max(100).optional(),
    entityId: z.string().trim().max(100).optional(),
    action: z.string().trim().max(100).optional(),
    from: z.coerce.date().optional(),
    to: z.coerce.date().optional(),
    ...paging,
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: "The start must be before the end", path: ["to"] });

export type ListAgentsInput = z.input<typeof listAgentsInput>;
export type ListCustomersInput = z.input<typeof listCustomersInput>;
export type ListAuditInput = z.input<typeof listAuditInput>;
