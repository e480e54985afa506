import { freshPostgres, skipPostgres } from "../support/services.js";
import { catalogueRepositoryContract } from "../support/catalogue-contract.js";

catalogueRepositoryContract("postgresql", freshPostgres, { skip: skipPostgres });
