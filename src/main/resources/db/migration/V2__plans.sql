-- The plan catalogue: reference data that every environment has.
INSERT INTO plan (code, name, billing_period) VALUES ('ESSENTIAL', 'Essential', 'MONTHLY');
INSERT INTO plan (code, name, billing_period) VALUES ('ADVANCED', 'Advanced', 'MONTHLY');
INSERT INTO plan (code, name, billing_period) VALUES ('PROFESSIONAL', 'Professional', 'MONTHLY');
INSERT INTO plan (code, name, billing_period) VALUES ('PROFESSIONAL_YEARLY', 'Professional (yearly)', 'YEARLY');

INSERT INTO plan_feature (plan_code, position, feature) VALUES ('ESSENTIAL', 1, 'Pipeline and deal management');
INSERT INTO plan_feature (plan_code, position, feature) VALUES ('ESSENTIAL', 2, 'Contact and organization records');
INSERT INTO plan_feature (plan_code, position, feature) VALUES ('ADVANCED', 1, 'Pipeline and deal management');
INSERT INTO plan_feature (plan_code, position, feature) VALUES ('ADVANCED', 2, 'Contact and organization records');
INSERT INTO plan_feature (plan_code, position, feature) VALUES ('ADVANCED', 3, 'E-mail sync and templates');
INSERT INTO plan_feature (plan_code, position, feature) VALUES ('ADVANCED', 4, 'Workflow automation');
INSERT INTO plan_feature (plan_code, position, feature) VALUES ('PROFESSIONAL', 1, 'Pipeline and deal management');
INSERT INTO plan_feature (plan_code, position, feature) VALUES ('PROFESSIONAL', 2, 'Contact and organization records');
INSERT INTO plan_feature (plan_code, position, feature) VALUES ('PROFESSIONAL', 3, 'E-mail sync and templates');
INSERT INTO plan_feature (plan_code, position, feature) VALUES ('PROFESSIONAL', 4, 'Workflow automation');
INSERT INTO plan_feature (plan_code, position, feature) VALUES ('PROFESSIONAL', 5, 'Revenue forecasts and reports');
INSERT INTO plan_feature (plan_code, position, feature) VALUES ('PROFESSIONAL_YEARLY', 1, 'Pipeline and deal management');
INSERT INTO plan_feature (plan_code, position, feature) VALUES ('PROFESSIONAL_YEARLY', 2, 'Contact and organization records');
INSERT INTO plan_feature (plan_code, position, feature) VALUES ('PROFESSIONAL_YEARLY', 3, 'E-mail sync and templates');
INSERT INTO plan_feature (plan_code, position, feature) VALUES ('PROFESSIONAL_YEARLY', 4, 'Workflow automation');
INSERT INTO plan_feature (plan_code, position, feature) VALUES ('PROFESSIONAL_YEARLY', 5, 'Revenue forecasts and reports');
