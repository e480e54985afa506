-- AlterEnum
ALTER TYPE "AuditAction" ADD VALUE 'contact_updated';
