import * as input from "@/server/schemas/admin-directory";
import * as agents from "@/server/services/admin/directory-agents";
import { auditEntities, listAudit } from "@/server/services/admin/directory-audit";
import * as companies from "@/server/services/admin/directory-companies";
import * as customers from "@/server/services/admin/directory-customers";
import * as groups from "@/server/services/admin/directory-groups";
import * as permissions from "@/server/services/admin/directory-permissions";
import * as roles from "@/server/services/admin/directory-roles";
import { adminProcedure as admin, router } from "../init";

/** The admin console's directory: agents, customers, companies, groups, roles, permissions, audit log. Admins only. */
export const adminDirectoryRouter = router({
  agentList: admin.input(input.listAgentsInput).query(({ ctx, input }) => agents.listAgents(ctx.db, input)),
  agentGet: admin.input(input.byId).query(({ ctx, input }) => agents.getAgent(ctx.db, input.id)),
  agentCreate: admin.input(input.createAgentInput).mutation(({ ctx, input }) => agents.createAgent(ctx.db, ctx.actor, input)),
  agentUpdate: admin.input(input.updateAgentInput).mutation(({ ctx, input }) => agents.updateAgent(ctx.db, ctx.actor, input)),
  agentSetEnabled: admin.input(input.setEnabledInput).mutation(({ ctx, input }) => agents.setAgentEnabled(ctx.db, ctx.actor, input)),
  agentResetPassword: admin.input(input.resetPasswordInput).mutation(({ ctx, input }) => agents.resetAgentPassword(ctx.db, ctx.actor, input)),
  agentSetRoles: admin.input(input.setAgentRolesInput).mutation(({ ctx, input }) => agents.setAgentRoles(ctx.db, ctx.actor, input)),
  agentSetGroupPermissions: admin.input(input.setUserGroupPermissionsInput).mutation(({ ctx, input }) => permissions.setUserGroupPermissions(ctx.db, ctx.actor, input)),

  customerList: admin.input(input.listCustomersInput).query(({ ctx, input }) => customers.listCustomers(ctx.db, input)),
  customerCreate: admin.input(input.createCustomerInput).mutation(({ ctx, input }) => customers.createCustomer(ctx.db, ctx.actor, input)),
  customerUpdate: admin.input(input.updateCustomerInput).mutation(({ ctx, input }) => customers.updateCustomer(ctx.db, ctx.actor, input)),
  customerSetEnabled: admin.input(input.setEnabledInput).mutation(({ ctx, input }) => customers.setCustomerEnabled(ctx.db, ctx.actor, input)),
  customerApprove: admin.input(input.byId).mutation(({ ctx, input }) => customers.approveCustomer(ctx.db, ctx.actor, input)),
  customerResetPassword: admin.input(input.resetCustomerPasswordInput).mutation(({ ctx, input }) => customers.resetCustomerPassword(ctx.db, ctx.actor, input)),
  customerMerge: admin.input(input.mergeCustomersInput).mutation(({ ctx, input }) => customers.mergeCustomers(ctx.db, ctx.actor, input)),

  companyList: admin.input(input.listCompaniesInput).query(({ ctx, input }) => companies.listCompanies(ctx.db, input)),
  companyCreate: admin.input(input.createCompanyInput).mutation(({ ctx, input }) => companies.createCompany(ctx.db, ctx.actor, input)),
  companyUpdate: admin.input(input.updateCompanyInput).mutation(({ ctx, input }) => companies.updateCompany(ctx.db, ctx.actor, input)),
  companySetValid: admin.input(input.setValidInput).mutation(({ ctx, input }) => companies.setCompanyValid(ctx.db, ctx.actor, input)),

  groupList: admin.input(input.listNamedInput).query(({ ctx, input }) => groups.listGroups(ctx.db, input)),
  groupCreate: admin.input(input.createGroupInput).mutation(({ ctx, input }) => groups.createGroup(ctx.db, ctx.actor, input)),
  groupUpdate: admin.input(input.updateGroupInput).mutation(({ ctx, input }) => groups.updateGroup(ctx.db, ctx.actor, input)),
  groupSetValid: admin.input(input.setValidInput).mutation(({ ctx, input }) => groups.setGroupValid(ctx.db, ctx.actor, input)),
  groupDelete: admin.input(input.byId).mutation(({ ctx, input }) => groups.deleteGroup(ctx.db, ctx.actor, input)),
  groupPermissions: admin.input(input.groupPermissionsInput).query(({ ctx, input }) => permissions.groupPermissions(ctx.db, input)),

  roleList: admin.input(input.listNamedInput).query(({ ctx, input }) => roles.listRoles(ctx.db, input)),
  roleGet: admin.input(input.byId).query(({ ctx, input }) => roles.getRole(ctx.db, input.id)),
  roleCreate: admin.input(input.createRoleInput).mutation(({ ctx, input }) => roles.createRole(ctx.db, ctx.actor, input)),
  roleUpdate: admin.input(input.updateRoleInput).mutation(({ ctx, input }) => roles.updateRole(ctx.db, ctx.actor, input)),
  roleSetValid: admin.input(input.setValidInput).mutation(({ ctx, input }) => roles.setRoleValid(ctx.db, ctx.actor, input)),
  roleDelete: admin.input(input.byId).mutation(({ ctx, input }) => roles.deleteRole(ctx.db, ctx.actor, input)),
  roleSetMembers: admin.input(input.setRoleMembersInput).mutation(({ ctx, input }) => roles.setRoleMembers(ctx.db, ctx.actor, input)),
  roleSetGroupPermissions: admin.input(input.setRoleGroupPermissionsInput).mutation(({ ctx, input }) => permissions.setRoleGroupPermissions(ctx.db, ctx.actor, input)),

  permissionMatrix: admin.input(input.permissionMatrixInput).query(({ ctx, input }) => permissions.permissionMatrix(ctx.db, input)),

  auditList: admin.input(input.listAuditInput).query(({ ctx, input }) => listAudit(ctx.db, input)),
  auditEntities: admin.query(({ ctx }) => auditEntities(ctx.db)),
});
